import sys

from ger_plugin.cli import main

sys.exit(main())
