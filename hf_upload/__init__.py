"""Maintainer tooling: build every GER release found under a raw root and push it to a Hub namespace.

``python -m hf_upload --namespace ORG --raw-root DIR [--only ...] [--private] [--dry-run]``.
Everything up to the push is ordinary, tested code (:mod:`hf_upload.upload`); the push itself is
one thin function over ``huggingface_hub.HfApi``.
"""
