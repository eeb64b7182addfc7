"""Evaluation material kept outside the product packages: corpora and the scripts that build them."""
