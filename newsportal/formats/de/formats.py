from newsportal.formats import input_formats

DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS = input_formats(
    ["%d.%m.%Y", "%d.%m.%y"], ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"]
)
