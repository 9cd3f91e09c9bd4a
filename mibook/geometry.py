"""The chart geometry, free of Altair so the print extension reads it cheaply: the column charts are drawn
for and the scale they print at. Below the style and the renderer."""

COLUMN = 640  # px: the text column a desktop reader sees; charts are drawn for it (titles wrap to it)
# Print: every chart is drawn again for a narrower column that maps onto the 12.6 cm text measure at one
# scale, so its smallest type (11 px) prints at 8 pt; _ext/mibook_print.py gives LaTeX this width and scale.
PRINT_WIDTH_PT = 357  # 12.6 cm
PRINT_COLUMN = int(PRINT_WIDTH_PT * 11 / 8)  # px, rounded down so 11 px stays at 8 pt or more
PRINT_SCALE = PRINT_WIDTH_PT / PRINT_COLUMN
# The tallest a chart is drawn for print (px): 0.55 of the 24.7 cm text block, so that a figure and its caption
# leave room for text on its page; _ext/latex/mibook-print.sty caps a chart at the same height.
PRINT_TEXT_HEIGHT_PT = 700  # 24.7 cm
PRINT_HEIGHT = int(0.55 * PRINT_TEXT_HEIGHT_PT / PRINT_SCALE)
