import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings.production")

application = get_wsgi_application()

# Django, Wagtail and the models loaded above live as long as the process: moved out of the
# garbage collector's reach, they are not scanned again by every full collection, which made the
# slowest responses (bench/README.md).
gc.collect()
gc.freeze()
