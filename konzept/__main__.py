"""``python -m konzept`` runs the same CLI as the ``konzept`` command."""

from konzept.cli.main import main

if __name__ == "__main__":
    main()
