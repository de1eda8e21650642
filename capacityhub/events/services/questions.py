"""The Q&A board of a live session: registrants ask and upvote, hosts mark answered."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_multiline

from ..models import Event, Question, QuestionVote, Registration
from .events import event_can_edit, require_event_editor

MAX_QUESTION = 1000


def _require_participant(actor, event: Event) -> None:
    """Registered (confirmed) people, hosts and organizers take part in the board."""
    require_member(actor)
    if not event.is_session:
        raise ValidationError({"event": _("Only live sessions have a Q&A board.")})
    if event_can_edit(event=event, user=actor):
        return
    registered = Registration.objects.filter(
        event=event, user=actor, status=Registration.Status.CONFIRMED
    ).exists()
    if not registered:
        # Not a matter of input: the board belongs to the people with a seat.
        raise PermissionDenied(_("Register for this session (with a confirmed seat) to take part."))


@transaction.atomic
def question_ask(*, actor, event: Event, body: str) -> Question:
    _require_participant(actor, event)
    message = _("Write your question.")
    body = clean_multiline(
        body, field="body", max_length=MAX_QUESTION, required=True, message=message
    )
    question = Question.objects.create(event=event, author=actor, body=body)
    audit_log(actor=actor, action="question.ask", target=question, changes={"event": event.pk})
    return question


@transaction.atomic
def question_vote(*, actor, question: Question) -> QuestionVote:
    """One vote per person; voting twice is refused."""
    _require_participant(actor, question.event)
    if question.author_id == actor.pk:
        raise ValidationError({"vote": _("You cannot vote for your own question.")})
    if QuestionVote.objects.filter(question=question, voter=actor).exists():
        raise ValidationError({"vote": _("You already voted for this question.")})
    try:
        with transaction.atomic():
            return QuestionVote.objects.create(question=question, voter=actor)
    except IntegrityError:
        raise ValidationError({"vote": _("You already voted for this question.")}) from None


@transaction.atomic
def question_mark_answered(*, actor, question: Question, answered: bool = True) -> Question:
    require_event_editor(actor, question.event)
    if question.answered == answered:
        raise ValidationError({"answered": _("Nothing to change.")})
    question.answered = answered
    question.save(update_fields=["answered"])
    audit_log(
        actor=actor, action="question.answered", target=question, changes={"answered": answered}
    )
    return question
