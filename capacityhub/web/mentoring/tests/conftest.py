from capacityhub.mentoring.tests.fixtures import *  # noqa: F403
