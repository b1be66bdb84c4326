"""certwise: which AI certifications are worth it for you, and how to get there."""

__version__ = "0.1.0"
