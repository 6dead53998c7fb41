"""media/data/imagenet-top5.csv (+ .SOURCE.md): ILSVRC classification winners' top-5 error.

One row per year's winning entry, plus the human reference (Russakovsky et al., 2015, from
Karpathy's own labelling experiment). For 2012 and 2013 the figure is the winner's entry
without outside training data (SuperVision 16.4%, Clarifai 11.7%), so every row is trained
on the ILSVRC data alone; with extra data they scored 15.3% and 11.2%.
"""

from __future__ import annotations

import csv

from _common import MEDIA

ROWS = (  # year, system, top-5 error (%), kind
    (2010, "NEC-UIUC", 28.2, "winner"),
    (2011, "XRCE", 25.8, "winner"),
    (2012, "AlexNet (SuperVision)", 16.4, "winner"),
    (2013, "Clarifai", 11.7, "winner"),
    (2014, "GoogLeNet", 6.7, "winner"),
    (2015, "ResNet (MSRA)", 3.57, "winner"),
    (2016, "Trimps-Soushen", 2.99, "winner"),
    (2017, "SENet", 2.25, "winner"),
    (2014, "Human (A. Karpathy)", 5.1, "human"),
)

SOURCE = """# imagenet-top5.csv — sources

Top-5 classification error of each year's winning entry in the ImageNet Large Scale Visual
Recognition Challenge (ILSVRC), test set, in percent; `kind` is `winner` or `human`.

| year | system | top-5 error | source |
| --- | --- | --- | --- |
| 2010 | NEC-UIUC | 28.2 | ILSVRC2010 results (0.28191); Russakovsky et al. 2015 |
| 2011 | XRCE | 25.8 | ILSVRC2011 results (0.25770); Russakovsky et al. 2015 |
| 2012 | AlexNet (SuperVision) | 16.4 | ILSVRC2012: 0.16422 without outside data (0.15315 with) |
| 2013 | Clarifai | 11.7 | ILSVRC2013 results: 0.11743 without outside data (0.11197 with) |
| 2014 | GoogLeNet | 6.7 | Szegedy et al. 2015, "Going deeper with convolutions": 6.67% |
| 2015 | ResNet (MSRA) | 3.57 | He et al. 2016, "Deep residual learning": 3.57% |
| 2016 | Trimps-Soushen | 2.99 | ILSVRC2016 results: 0.02991 |
| 2017 | SENet | 2.25 | Hu et al. 2018, "Squeeze-and-excitation networks": 2.251% |
| — | Human (A. Karpathy) | 5.1 | Russakovsky et al. 2015, sect. 6.4 (1,500 test images) |

The human row is plotted at 2014, the year the experiment was run; it is a single trained
annotator, not "human performance" in general.

References

- O. Russakovsky, J. Deng, H. Su, et al. "ImageNet Large Scale Visual Recognition Challenge".
  IJCV 115, 211–252 (2015). https://arxiv.org/abs/1409.0575
- A. Karpathy. "What I learned from competing against a ConvNet on ImageNet" (2014).
  https://karpathy.github.io/2014/09/02/what-i-learned-from-competing-against-a-convnet-on-imagenet/
- ILSVRC results pages 2012–2017: https://image-net.org/challenges/LSVRC/
- A. Krizhevsky, I. Sutskever, G. Hinton. "ImageNet Classification with Deep Convolutional
  Neural Networks". NeurIPS 2012.
- C. Szegedy et al. "Going deeper with convolutions". CVPR 2015. https://arxiv.org/abs/1409.4842
- K. He et al. "Deep Residual Learning for Image Recognition". CVPR 2016. https://arxiv.org/abs/1512.03385
- J. Hu, L. Shen, G. Sun. "Squeeze-and-Excitation Networks". CVPR 2018. https://arxiv.org/abs/1709.01507

Numbers are facts reported in the papers above; the table is compiled by the revkiosk
project and shared under CC BY 4.0. Regenerate with `scripts/media/imagenet_data.py`.
"""


def main() -> dict[str, str]:
    """Write the CSV and its SOURCE note."""
    out = MEDIA / "data" / "imagenet-top5.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["year", "system", "top5_error", "kind"])
        w.writerows(ROWS)
    (MEDIA / "data" / "imagenet-top5.SOURCE.md").write_text(SOURCE, encoding="utf-8")
    return {"imagenet": f"{len(ROWS)} rows"}


if __name__ == "__main__":
    print(main())
