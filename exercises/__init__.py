"""Exercise stubs: fill in each function, then run ``grade run exercise-NN``."""
