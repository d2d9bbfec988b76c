"""Copies the answer by importing the reference solutions package.

Outcome: error
Says: not allowed
"""
from solutions.exercise_03_one_hot import one_hot  # noqa: F401
