"""The planning pages' forms. They only check input: the pages pass the cleaned data to
kujdes.planning.services and never call `save()`, so edits start from `initial` values. The
range rules carry the services' own messages."""

from kujdes.planning.forms.advisory import *  # noqa: F403
from kujdes.planning.forms.assessment import *  # noqa: F403
from kujdes.planning.forms.common import *  # noqa: F403
from kujdes.planning.forms.documents import *  # noqa: F403
from kujdes.planning.forms.plans import *  # noqa: F403
