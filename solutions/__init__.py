"""Reference solutions. The grader loads them by path; student code may not import them."""
