"""`python -m flashpoint` runs the CLI."""

from flashpoint.cli import main

main()
