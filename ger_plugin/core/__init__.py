"""Pure rules: labels, prompts, answer parsing, metrics and scoring. No I/O."""
