"""Running the publisher as a team: a new project that works at once (`publisher init`) and a check of
an existing one that says what to fix (`publisher doctor`).

    scaffold.py     the files of a new project, rendered from template/ and written all at once
    schedule.py     cron times for the CI workflows, chosen in the team's time zone
    credentials.py  which environment variables each channel reads, from the adapter classes
    doctor.py       the checks of `publisher doctor`, each finding with its fix
"""
