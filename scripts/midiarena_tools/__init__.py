"""The Python side of midiarena: the scripts under scripts/ are thin and import it."""
