from capacityhub.governance.tests.fixtures import *  # noqa: F403 - the board the tests share
