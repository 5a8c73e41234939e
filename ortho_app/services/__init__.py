"""Domain rules: framework-free, plain values and a DB session in, never reflex."""
