# -*- coding: utf-8 -*-
"""Module docstring with # preflight: ignore inside it."""
import os  # preflight: ignore[DP201]

DEBUG = "# not a comment"  # a real one
X = 'single # quoted'  # preflight: ignore
Y = f"{'#' if True else ''} # still the string"  # after an f-string
Z = f"""
# inside a triple-quoted f-string
{os.sep}"""  # closes here
W = """
DEBUG = True  # preflight: ignore
"""
CALL = dict(  # inside brackets
    a=1,  # an argument
    # a whole line in brackets
    b="#",
)
    # an indented whole-line comment
if DEBUG:  # héllo ünïcode
    pass
R = rb'\#' r"#"  # raw strings
B = b'#'  #no space
C = 1 \
    # after a continuation
# the last line, without a newline