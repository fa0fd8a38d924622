"""Test cases shared by the recette and by steps 12–13 (which generate some of them)."""
