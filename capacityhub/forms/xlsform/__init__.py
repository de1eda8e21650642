"""XLSForm (the ODK / KoboToolbox spreadsheet) in (reader.py) and out (writer.py)."""
