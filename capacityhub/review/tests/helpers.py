from capacityhub.review.services import application_save, application_screen, assignments_run

ANSWERS = {"motivation": "Quiero aprender a organizar editatones."}


def submitted(call, applicant, language="es"):
    return application_save(
        actor=applicant, call=call, answers=ANSWERS, language=language, submit=True
    )


def eligible(call, applicant, staff, language="es"):
    application = submitted(call, applicant, language)
    application_screen(actor=staff, application=application, eligible=True)
    application.refresh_from_db()
    return application


def assigned(call, applicants, staff):
    applications = [eligible(call, a, staff) for a in applicants]
    assignments_run(actor=staff, call=call)
    return applications
