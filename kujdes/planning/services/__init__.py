"""Every change a planner makes to the needs assessment: structures and their staff (A6), the
budget years (A7), the gap weights and notes (A8). Each function writes an audit event in its
own transaction.

Every record carries a version. An update names the version its editor started from; if
someone saved in between, the directory's `EditConflict` is raised and nothing is written. A
weights row or a note that does not exist yet stands at version 0.
"""

from kujdes.planning.services.assessment import *  # noqa
from kujdes.planning.services.common import *  # noqa
from kujdes.planning.services.plans import *  # noqa
from kujdes.planning.services.lifecycle import *  # noqa
from kujdes.planning.services.participation import *  # noqa
