"""The chart geometry, free of Altair so the print extension reads it cheaply: the column charts are drawn
for and the scale they print at. Below the style and the renderer."""

COLUMN = 640  # px: the text column a desktop reader sees; charts are drawn for it (titles wrap to it)
# Print: every chart at one scale, the column mapped onto the widest a figure prints (centred: the 12.6 cm
# text measure plus 1.9 cm into each margin; _ext/mibook_print.py gives LaTeX this width and scale), so
# 11 px type prints at 8.1 pt in every chart. A chart wider than the column is fitted to the print width.
PRINT_WIDTH_PT = 470
PRINT_SCALE = PRINT_WIDTH_PT / COLUMN
