"""One module per exercise: ``exercise_NN_<slug>.py`` declares its checks.

The catalog discovers exercises from the module names here.
"""
