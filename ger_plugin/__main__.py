import sys

from ger_plugin.commands import main

sys.exit(main())
