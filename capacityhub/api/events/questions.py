"""The Q&A board of a live session: people with a confirmed seat (and hosts, organizers,
staff) ask and upvote questions, one vote per person; hosts mark them answered."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from capacityhub.events.selectors.events import event_get, question_get, questions_for
from capacityhub.events.services.questions import (
    question_ask,
    question_mark_answered,
    question_vote,
)

from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    WRITE_AUTH,
    Input,
    ObjectId,
    Text,
)

router = Router(tags=["events"])


class QuestionIn(Input):
    body: Text(1000, min_length=1)


class AnsweredIn(Input):
    answered: bool = True


class QuestionOut(Schema):
    id: int
    body: str
    author: str
    votes: int
    answered: bool
    created_at: datetime


@router.get(
    "/events/{event_id}/questions", response={200: list[QuestionOut], **DETAIL_ERRORS}, **READ
)
def list_questions(request: HttpRequest, event_id: ObjectId):
    """The Q&A board of a live session: open questions first, most voted first."""
    questions = questions_for(event=event_get(pk=event_id), viewer=request.user)[:500]
    return [_question_out(q) for q in questions]


def _question_out(question) -> dict:
    return {
        "id": question.pk,
        "body": question.body,
        "author": question.author.username,
        "votes": getattr(question, "vote_count", 0),
        "answered": question.answered,
        "created_at": question.created_at,
    }


@router.post(
    "/events/{event_id}/questions",
    response={201: QuestionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def ask_question(request: HttpRequest, event_id: ObjectId, payload: QuestionIn):
    """People with a confirmed seat, hosts and staff (403 for others)."""
    question = question_ask(actor=request.user, event=event_get(pk=event_id), body=payload.body)
    return Status(201, _question_out(question))


def _question(event_id: int, question_id: int):
    return question_get(event=event_get(pk=event_id), pk=question_id)


@router.post(
    "/events/{event_id}/questions/{question_id}/vote",
    response={201: QuestionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def vote_for_question(request: HttpRequest, event_id: ObjectId, question_id: ObjectId):
    """One vote per person (a second one: 422); not for your own question."""
    question = _question(event_id, question_id)
    question_vote(actor=request.user, question=question)
    shown = questions_for(event=question.event, viewer=request.user).get(pk=question.pk)
    return Status(201, _question_out(shown))


@router.post(
    "/events/{event_id}/questions/{question_id}/answered",
    response={200: QuestionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def mark_question_answered(
    request: HttpRequest, event_id: ObjectId, question_id: ObjectId, payload: AnsweredIn
):
    """Hosts, organizers and staff."""
    question = _question(event_id, question_id)
    question_mark_answered(actor=request.user, question=question, answered=payload.answered)
    shown = questions_for(event=question.event, viewer=request.user).get(pk=question.pk)
    return _question_out(shown)
