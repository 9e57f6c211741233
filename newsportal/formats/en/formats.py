from newsportal.formats import input_formats

# No month-first format: in Belgium 02/12 is the 2nd of December.
DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS = input_formats([], [])
