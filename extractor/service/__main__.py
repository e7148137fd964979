"""``python -m extractor.service`` runs the service like ``jixiao serve``."""

import typer

from extractor.service.cli import serve_command

if __name__ == "__main__":
    typer.run(serve_command)
