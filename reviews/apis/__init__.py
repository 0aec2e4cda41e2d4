"""The review over the API, one module per topic; thin views as in `assessments.apis`. The
names are re-exported for the URLconf."""

from reviews.apis.factual_accuracy import (
    ChallengeAttachmentApi,
    ChallengeAttachmentOutputSerializer,
    ChallengeDecisionApi,
    ChallengeDetailApi,
    ChallengeFilter,
    ChallengeInputSerializer,
    ChallengeListApi,
    ChallengeOutputSerializer,
    DeadlineExtendApi,
    DeadlineInputSerializer,
    DecisionFindingSerializer,
    DecisionInputSerializer,
)
from reviews.apis.findings import (
    FindingApi,
    FindingInputSerializer,
    FindingListApi,
    FindingOutputSerializer,
    SummaryApi,
    SummaryInputSerializer,
    SummaryOutputSerializer,
)
from reviews.apis.publication import (
    ConfirmationApi,
    PublicationOverrideApi,
    PublicationPauseEndApi,
    PublicationPauseListApi,
)

__all__ = [
    "ConfirmationApi",
    "PublicationOverrideApi",
    "PublicationPauseEndApi",
    "PublicationPauseListApi",
    "ChallengeAttachmentApi",
    "ChallengeAttachmentOutputSerializer",
    "ChallengeDecisionApi",
    "ChallengeDetailApi",
    "ChallengeFilter",
    "ChallengeInputSerializer",
    "ChallengeListApi",
    "ChallengeOutputSerializer",
    "DeadlineExtendApi",
    "DeadlineInputSerializer",
    "DecisionFindingSerializer",
    "DecisionInputSerializer",
    "FindingApi",
    "FindingInputSerializer",
    "FindingListApi",
    "FindingOutputSerializer",
    "SummaryApi",
    "SummaryInputSerializer",
    "SummaryOutputSerializer",
]
