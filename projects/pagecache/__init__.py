"""The page cache: a project page rendered once is served again, byte for byte, to the
same person in the same session, until a row of the project changes (or a minute passes).
"""
