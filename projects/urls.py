"""URLs of the projects app: each view module contributes its own ``urlpatterns``."""

from .budget import views as budget
from .core import history_views as history
from .core import views as home
from .dashboard import views as dashboard
from .documents import views as documents
from .framing import views as framing
from .planning import views as planning
from .portfolio import views as portfolio
from .reminders import views as reminders
from .risks import views as risks
from .steering import views as steering
from .steps import views as steps
from .team import views as team
from .transfer import views as transfer

app_name = "projects"

urlpatterns = [
    *home.urlpatterns,
    *dashboard.urlpatterns,
    *team.urlpatterns,
    *steps.urlpatterns,
    *framing.urlpatterns,
    *planning.urlpatterns,
    *history.urlpatterns,
    *documents.urlpatterns,
    *transfer.urlpatterns,
    *risks.urlpatterns,
    *budget.urlpatterns,
    *steering.urlpatterns,
    *reminders.urlpatterns,
    *portfolio.urlpatterns,
]
