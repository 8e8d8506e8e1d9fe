"""``python -m memolint`` runs the command line, for environments without the script."""

import sys

from memolint.cli import main

if __name__ == "__main__":
    sys.exit(main())
