import sys

from hf_upload.upload import main

sys.exit(main())
