import sys

from kgbuild.cli import main

sys.exit(main())
