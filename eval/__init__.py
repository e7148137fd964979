"""Evaluation harness: scores extraction against hand-labelled gold files."""
