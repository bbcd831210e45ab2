"""`python -m ai_sets_addon` is the `ai-sets` command."""

import sys

from .cli import main

sys.exit(main())
