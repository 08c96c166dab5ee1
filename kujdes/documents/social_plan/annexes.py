"""The annexes of the plan document: 1 the adoption decision, 2 the advisory group (its
members, its meetings on the plan with those present and the decisions with the plan items
each changed), 3 the consultation record.

The record names organizations only: a comment without one is from "a citizen" or "an
advisory-group member", never from a person by name.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kujdes.documents.selectors import Participation
from kujdes.documents.social_plan.blocks import Chapter, DocumentBlock, Heading
from kujdes.documents.social_plan.plan import text_cell
from kujdes.planning.assessment.report import Paragraph, TableBlock
from kujdes.planning.models import AdvisoryMember, Comment, Decision, Meeting, Plan


def _decision(plan: Plan) -> Chapter:
    title = _("Annex 1. The adoption decision")
    if not plan.is_adopted:
        return Chapter("annex-1", title, [Paragraph(_("The plan is not adopted yet."))])
    lines = [
        _("Adopted by: %(body)s") % {"body": plan.decision_body},
        _("Decision number: %(number)s") % {"number": plan.decision_number},
        _("Date of the decision: %(date)s")
        % {"date": plan.decision_date.isoformat() if plan.decision_date else ""},
    ]
    return Chapter("annex-1", title, [Paragraph(line) for line in lines])


def _member_name(member: AdvisoryMember) -> str:
    if member.is_active:
        return member.name
    return member.name + " (" + _("no longer a member") + ")"


def _one_line(text: str) -> str:
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def _items(decision: Decision) -> str:
    items = [
        *(_("Objective %(number)s") % {"number": o.number} for o in decision.objectives.all()),
        *(_("Measure %(number)s") % {"number": m.number} for m in decision.measures.all()),
        *(_("Activity %(number)s") % {"number": a.number} for a in decision.activities.all()),
        *(_("Indicator: %(name)s") % {"name": i.name} for i in decision.indicators.all()),
    ]
    return "; ".join(items)


def _meeting(meeting: Meeting) -> list[DocumentBlock]:
    day = meeting.held_on.isoformat()
    present = "; ".join(member.name for member in meeting.attendees.all())
    blocks: list[DocumentBlock] = [
        Heading(_("Meeting of %(date)s, %(place)s") % {"date": day, "place": meeting.place}, 2),
        Paragraph(_("Agenda: %(agenda)s") % {"agenda": _one_line(meeting.agenda)}),
        Paragraph(
            _("Present: %(names)s") % {"names": present} if present else _("Present: not recorded.")
        ),
    ]
    decisions = list(meeting.decisions.all())
    if decisions:
        blocks.append(
            TableBlock(
                _("Decisions of the meeting of %(date)s") % {"date": day},
                [_("Decision"), _("Plan items it changed")],
                [[text_cell(d.text), text_cell(_items(d))] for d in decisions],
            )
        )
    else:
        blocks.append(Paragraph(_("No decision was recorded.")))
    return blocks


def _advisory_group(participation: Participation) -> Chapter:
    blocks: list[DocumentBlock] = [Heading(_("Members"))]
    if participation.members:
        blocks.append(
            TableBlock(
                _("Members of the advisory group"),
                [_("Name"), _("Organization"), _("Sector")],
                [
                    [
                        text_cell(_member_name(member)),
                        text_cell(member.organization),
                        text_cell(capfirst(member.get_sector_display())),
                    ]
                    for member in participation.members
                ],
            )
        )
    else:
        blocks.append(Paragraph(_("No member of the advisory group is recorded.")))
    blocks.append(Heading(_("Meetings")))
    for meeting in participation.meetings:
        blocks += _meeting(meeting)
    if not participation.meetings:
        blocks.append(Paragraph(_("No meeting of the advisory group on this plan is recorded.")))
    return Chapter("annex-2", _("Annex 2. The advisory group"), blocks)


def _sender(comment: Comment) -> str:
    if comment.organization:
        return comment.organization
    if comment.from_advisory_member:
        return _("advisory-group member")
    return _("citizen")


def _consultation(plan: Plan, participation: Participation) -> Chapter:
    blocks: list[DocumentBlock] = []
    if plan.consultation_opens and plan.consultation_closes:
        blocks.append(
            Paragraph(
                _("The public consultation ran from %(opens)s to %(closes)s.")
                % {
                    "opens": plan.consultation_opens.isoformat(),
                    "closes": plan.consultation_closes.isoformat(),
                }
            )
        )
    else:
        blocks.append(Paragraph(_("The plan has not been in public consultation.")))
    comments = participation.comments
    count = len(comments)
    blocks.append(
        Paragraph(
            ngettext(
                "%(count)s comment was received; the record names organizations only.",
                "%(count)s comments were received; the record names organizations only.",
                count,
            )
            % {"count": count}
        )
    )
    if comments:
        blocks.append(
            TableBlock(
                _("Comments and the answers to them"),
                [_("No."), _("About"), _("From"), _("Comment"), _("Answer"), _("Reason")],
                [
                    [
                        text_cell(str(index)),
                        text_cell(comment.about),
                        text_cell(_sender(comment)),
                        text_cell(comment.text),
                        text_cell(
                            capfirst(comment.get_answer_display())
                            if comment.answer
                            else _("not answered yet")
                        ),
                        text_cell(comment.reason),
                    ]
                    for index, comment in enumerate(comments, start=1)
                ],
            )
        )
    return Chapter("annex-3", _("Annex 3. The consultation record"), blocks)


def annexes_build(plan: Plan, participation: Participation) -> list[Chapter]:
    return [
        _decision(plan),
        _advisory_group(participation),
        _consultation(plan, participation),
    ]
