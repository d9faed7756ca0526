"""Replay of the paper's released GPT-4V predictions."""
