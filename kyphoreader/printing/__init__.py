"""Large-print copies: options (Qt-free), page layout and output, the print flow and dialog."""
