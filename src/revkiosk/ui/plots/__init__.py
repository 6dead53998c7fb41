"""pyqtgraph charts for `kind: plot` slides; imported only when a plot slide is built."""
