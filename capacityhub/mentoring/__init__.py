"""Leadership programmes, cohorts and stages; mentors, mentees and their assignment;
mentorships; retention."""
