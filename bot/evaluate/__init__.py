"""`briefing-bot evaluate`: the engine scored against blind gold, beside baselines.

gold (format and where the articles live) -> run (engine and baselines over the articles) ->
scoring (per article, per field) -> report (table or JSON); `command` is the command line.
"""
