import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kujdes.settings")
application = get_wsgi_application()
# What the start-up loaded (modules, settings, URL patterns, templates' code) lives as long as
# the process: moved out of the collector's reach, it is not walked at every full collection
# that a large page (the national comparison) sets off. See bench/RESULTS.md.
gc.freeze()
