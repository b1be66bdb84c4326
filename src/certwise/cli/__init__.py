"""The command-line face: thin commands that parse, call the library and render."""
