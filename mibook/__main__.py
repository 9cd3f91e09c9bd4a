import sys

from mibook.cli import main

sys.exit(main())
