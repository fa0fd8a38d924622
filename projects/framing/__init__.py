"""Step 1 « objectifs et périmètre » and the members' contributions."""
