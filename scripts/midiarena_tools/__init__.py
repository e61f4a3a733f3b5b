"""midiarena's Python side: the logic behind the scripts in scripts/."""
