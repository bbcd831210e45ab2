"""AI-made assets beside the procedural ones (seamless materials, 360° panoramas).
Pure at import: torch and diffusers are imported inside the functions that need them."""
