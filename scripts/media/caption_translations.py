"""The captions of the default deck's films and narration in French, German and Spanish.

Each `<name>.vtt` the generators write (English) gets a `<name>.<language>.vtt` beside it with
the same cues, timed the same (read back from the English file, so a film re-cut by its
generator keeps its translations in step), and the translations below, written by the project.
The deck names them per language (`media: languages: fr: {subtitles: …}`), and the player picks
the visitor's language's file (`Media.for_language`).

The English files must keep the number of cues given here: a generator that adds or removes a
cue makes this step fail, so a translation never shows under the wrong part of a film. The
Pong, Go, tiny-model and compute films are also drawn again with their words translated
(`pong.py`, `go_game.py`, `tiny_diffusion.py`, `compute_growth.py`: `<name>.<language>.mp4`,
timed as the English, so these captions fit them too).

    make_all.py captions translations     # English captions, then these
"""

from __future__ import annotations

import re
from pathlib import Path

from _common import MEDIA
from captions import Cue, write_vtt

LANGUAGES = ("fr", "de", "es")
NBSP = "\u00a0"  # French: before ":" and ";", and between thousands

# file (relative to media/) → language → one text per English cue, in order
TRANSLATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "audio/welcome.vtt": {
        "fr": (
            "Bienvenue.",
            "Voici l’histoire de la révolution de l’apprentissage profond, de 2011 à 2022.",
            "Touchez l’écran pour explorer.",
        ),
        "de": (
            "Willkommen.",
            "Dies ist die Geschichte der Deep-Learning-Revolution, von 2011 bis 2022.",
            "Berühren Sie den Bildschirm, um loszulegen.",
        ),
        "es": (
            "Bienvenidos.",
            "Esta es la historia de la revolución del aprendizaje profundo, de 2011 a 2022.",
            "Toque la pantalla para explorar.",
        ),
    },
    "video/pong-agent.vtt": {
        "fr": (
            f"[Sans son] Après 10 échanges{NBSP}: l’agent rate presque toujours la balle.",
            f"Après 1{NBSP}500 échanges{NBSP}: il a appris à la renvoyer.",
        ),
        "de": (
            "[Ohne Ton] Nach 10 Ballwechseln: Der Agent verfehlt den Ball meistens.",
            "Nach 1.500 Ballwechseln: Er hat gelernt, ihn zurückzuspielen.",
        ),
        "es": (
            "[Sin sonido] Tras 10 intercambios: el agente casi siempre falla la pelota.",
            "Tras 1.500 intercambios: ha aprendido a devolverla.",
        ),
    },
    "video/go-game.vtt": {
        "fr": (
            "[Sans son] AlphaGo (noirs) contre Lee Sedol (blancs), partie 2, Séoul, "
            "10 mars 2016. Les pierres apparaissent dans l’ordre où elles ont été jouées.",
            f"Coup 37{NBSP}: AlphaGo joue sur la cinquième ligne, en P10. Les experts y ont "
            "d’abord vu une erreur.",
            f"La partie continue jusqu’au coup 211{NBSP}; le coup 37 reste entouré.",
            "AlphaGo a gagné la partie 2, et le match 4 à 1.",
        ),
        "de": (
            "[Ohne Ton] AlphaGo (Schwarz) gegen Lee Sedol (Weiß), Partie 2, Seoul, "
            "10. März 2016. Die Steine erscheinen in der Reihenfolge, in der sie gespielt wurden.",
            "Zug 37: AlphaGo spielt auf der fünften Linie, auf P10. Fachleute hielten ihn zuerst "
            "für einen Fehler.",
            "Die Partie geht bis Zug 211 weiter; Zug 37 bleibt eingekreist.",
            "AlphaGo gewann Partie 2 und das Match mit 4:1.",
        ),
        "es": (
            "[Sin sonido] AlphaGo (negras) contra Lee Sedol (blancas), partida 2, Seúl, "
            "10 de marzo de 2016. Las piedras aparecen en el orden en que se jugaron.",
            "Jugada 37: AlphaGo juega en la quinta línea, en P10. Los expertos la tomaron al "
            "principio por un error.",
            "La partida sigue hasta la jugada 211; la jugada 37 sigue rodeada por un círculo.",
            "AlphaGo ganó la partida 2 y la serie por 4 a 1.",
        ),
    },
    "video/compute-growth.vtt": {
        "fr": (
            "[Sans son] Chaque point est un système d’IA marquant, placé selon son année "
            "d’apparition et la puissance de calcul utilisée pour l’entraîner, sur une échelle "
            "logarithmique. Ils apparaissent année après année depuis 1990.",
            f"À partir de 2010, l’ère de l’apprentissage profond{NBSP}: les points montent bien "
            "plus vite.",
            f"La ligne en pointillés suit 2010–2022{NBSP}: le calcul utilisé a doublé tous les "
            f"6,0{NBSP}mois.",
        ),
        "de": (
            "[Ohne Ton] Jeder Punkt ist ein bekanntes KI-System, eingetragen nach dem Jahr, in "
            "dem es erschien, und nach der Rechenleistung, mit der es trainiert wurde, auf einer "
            "logarithmischen Skala. Die Punkte erscheinen Jahr für Jahr ab 1990.",
            "Ab 2010, im Zeitalter des Deep Learning, steigen die Punkte viel schneller.",
            "Die gestrichelte Linie folgt 2010–2022: Der Rechenaufwand verdoppelte sich alle "
            "6,0 Monate.",
        ),
        "es": (
            "[Sin sonido] Cada punto es un sistema de IA destacado, situado según el año en que "
            "apareció y la potencia de cálculo usada para entrenarlo, en una escala "
            "logarítmica. Aparecen año a año desde 1990.",
            "Desde 2010, la era del aprendizaje profundo: los puntos suben mucho más deprisa.",
            "La línea discontinua sigue 2010–2022: el cálculo usado se duplicó cada 6,0 meses.",
        ),
    },
    "video/tiny-diffusion-training.vtt": {
        "fr": (
            "[Sans son] Après 50 étapes d’entraînement, les vidéos du modèle pour les consignes "
            "left, right, up, down (gauche, droite, haut, bas), à partir du même bruit de départ.",
            "Après 200 étapes.",
            "Après 600 étapes.",
            f"Après 1{NBSP}500 étapes.",
            f"Après 4{NBSP}000 étapes{NBSP}: chaque balle se déplace comme le dit sa consigne.",
        ),
        "de": (
            "[Ohne Ton] Nach 50 Trainingsschritten: die Clips des Modells für die Prompts left, "
            "right, up, down (links, rechts, oben, unten), aus demselben Anfangsrauschen.",
            "Nach 200 Schritten.",
            "Nach 600 Schritten.",
            "Nach 1.500 Schritten.",
            "Nach 4.000 Schritten: Jeder Ball bewegt sich so, wie sein Prompt es sagt.",
        ),
        "es": (
            "[Sin sonido] Tras 50 pasos de entrenamiento, los clips del modelo para las "
            "instrucciones left, right, up, down (izquierda, derecha, arriba, abajo), desde el "
            "mismo ruido inicial.",
            "Tras 200 pasos.",
            "Tras 600 pasos.",
            "Tras 1.500 pasos.",
            "Tras 4.000 pasos: cada bola se mueve como dice su instrucción.",
        ),
    },
    "video/tiny-diffusion-denoise.vtt": {
        "fr": (
            "[Sans son] Le modèle entraîné produit une vidéo pour chaque consigne, left, right, "
            "up, down (gauche, droite, haut, bas), en partant d’un bruit pur dont il retire un "
            "peu à chacune des 40 étapes.",
            f"Terminé{NBSP}: chaque balle se déplace comme le demande sa consigne.",
        ),
        "de": (
            "[Ohne Ton] Das trainierte Modell macht für jeden Prompt – left, right, up, down "
            "(links, rechts, oben, unten) – einen Clip: Es beginnt mit reinem Rauschen und "
            "entfernt in jedem der 40 Schritte ein wenig davon.",
            "Fertig: Jeder Ball bewegt sich so, wie sein Prompt es verlangt.",
        ),
        "es": (
            "[Sin sonido] El modelo entrenado hace un clip para cada instrucción, left, right, "
            "up, down (izquierda, derecha, arriba, abajo), partiendo de ruido puro y quitando un "
            "poco en cada uno de los 40 pasos.",
            "Listo: cada bola se mueve como pide su instrucción.",
        ),
    },
    "video/tiny-video-gan.vtt": {
        "fr": (
            f"[Sans son] Après 25 étapes d’entraînement{NBSP}: du bruit coloré dans les neuf "
            "vidéos.",
            f"Après 150 étapes{NBSP}: un bruit plus sombre, qui scintille.",
            f"Après 400 étapes{NBSP}: de vagues taches qui bavent et se défont.",
            f"Après 1{NBSP}000 étapes{NBSP}: des balles apparaissent, mais certaines se "
            "brisent ou sautent.",
            f"Après 2{NBSP}000 étapes{NBSP}: la plupart des vidéos montrent une balle qui garde "
            "sa forme en se déplaçant, presque toujours blanche, alors que les balles "
            "d’entraînement étaient en couleur.",
        ),
        "de": (
            "[Ohne Ton] Nach 25 Trainingsschritten: farbiges Rauschen in allen neun Clips.",
            "Nach 150 Schritten: dunkleres Rauschen, das flimmert.",
            "Nach 400 Schritten: blasse Flecken, die verschmieren und zerfallen.",
            "Nach 1.000 Schritten: Bälle erscheinen, aber manche zerbrechen oder springen.",
            "Nach 2.000 Schritten: Die meisten Clips zeigen einen Ball, der beim Bewegen seine "
            "Form behält, fast immer weiß, obwohl die Trainingsbälle farbig waren.",
        ),
        "es": (
            "[Sin sonido] Tras 25 pasos de entrenamiento: ruido de colores en los nueve clips.",
            "Tras 150 pasos: un ruido más oscuro, que parpadea.",
            "Tras 400 pasos: manchas tenues que se corren y se deshacen.",
            "Tras 1.000 pasos: aparecen bolas, pero algunas se rompen o saltan.",
            "Tras 2.000 pasos: la mayoría de los clips muestran una bola que conserva su forma "
            "al moverse, casi siempre blanca, aunque las bolas de entrenamiento eran de colores.",
        ),
    },
    "video/tiny-make-a-video.vtt": {
        "fr": (
            f"[Sans son] En haut{NBSP}: ce qu’un petit modèle a dessiné pour les légendes red "
            "square, yellow triangle, blue ball (carré rouge, triangle jaune, balle bleue). En "
            f"bas{NBSP}: un autre, qui a appris sur des vidéos sans légende, fait tomber chacun.",
            "Pareil pour green triangle, blue square, yellow ball (triangle vert, carré bleu, "
            "balle jaune). Aucune vidéo n’a jamais eu ces légendes.",
        ),
        "de": (
            "[Ohne Ton] Oben: was ein kleines Modell zu den Bildunterschriften red square, "
            "yellow triangle, blue ball (rotes Quadrat, gelbes Dreieck, blauer Ball) gezeichnet "
            "hat. Unten: Ein anderes, das aus Clips ohne Beschriftung lernte, lässt jedes fallen.",
            "Dasselbe für green triangle, blue square, yellow ball (grünes Dreieck, blaues "
            "Quadrat, gelber Ball). Kein Video hatte je diese Beschriftungen.",
        ),
        "es": (
            "[Sin sonido] Arriba: lo que un modelo pequeño dibujó para las descripciones red "
            "square, yellow triangle, blue ball (cuadrado rojo, triángulo amarillo, bola azul). "
            "Abajo: otro, que aprendió de clips sin descripción, hace caer a cada uno.",
            "Lo mismo para green triangle, blue square, yellow ball (triángulo verde, cuadrado "
            "azul, bola amarilla). Ningún video tuvo nunca estas descripciones.",
        ),
    },
    "video/tiny-cogvideo.vtt": {
        "fr": (
            f"[Sans son] Avant tout entraînement sur des vidéos. En haut, parti de zéro{NBSP}: du "
            "bruit. Sous la ligne jaune, parti d’un modèle d’images que nous avons entraîné "
            f"d’abord{NBSP}: des formes immobiles.",
            f"Après 25 étapes d’entraînement vidéo{NBSP}: en bas, les bonnes formes clignotent "
            f"sur place{NBSP}; en haut, des flous gris.",
            f"Après 75 étapes{NBSP}: les deux rangées bougent{NBSP}; en haut, les formes sont "
            "floues, certaines de la mauvaise couleur.",
            f"Après 150 étapes{NBSP}: les deux rangées bougent{NBSP}; le haut est encore un peu "
            "flou.",
            f"Après 400 étapes, dans les deux rangées{NBSP}: red square right, yellow triangle "
            "down, blue ball left, green square up (carré rouge vers la droite, triangle jaune "
            "vers le bas, balle bleue vers la gauche, carré vert vers le haut). Parti de zéro, "
            "il lui a fallu 57 étapes pour égaler les 25 de l’autre.",
        ),
        "de": (
            "[Ohne Ton] Vor jedem Training mit Videos. Oben, von null: Rauschen. Unter der "
            "gelben Linie, ausgehend von einem zuvor trainierten Bildmodell: ruhende Formen.",
            "Nach 25 Video-Trainingsschritten: Unten flackern die richtigen Formen auf der "
            "Stelle; oben graue Flecken.",
            "Nach 75 Schritten: Beide Reihen bewegen sich; oben sind die Formen verschwommen, "
            "manche in der falschen Farbe.",
            "Nach 150 Schritten: Beide Reihen bewegen sich; oben ist es noch etwas unscharf.",
            "Nach 400 Schritten, in beiden Reihen: red square right, yellow triangle down, blue "
            "ball left, green square up (rotes Quadrat nach rechts, gelbes Dreieck nach unten, "
            "blauer Ball nach links, grünes Quadrat nach oben). Von null brauchte es 57 "
            "Schritte, um die 25 des anderen einzuholen.",
        ),
        "es": (
            "[Sin sonido] Antes de entrenar con videos. Arriba, desde cero: ruido. Bajo la línea "
            "amarilla, a partir de un modelo de imágenes que entrenamos antes: formas quietas.",
            "Tras 25 pasos de entrenamiento con video: abajo, las formas correctas parpadean en "
            "su sitio; arriba, manchas grises.",
            "Tras 75 pasos: las dos filas se mueven; arriba, las formas están borrosas, algunas "
            "del color equivocado.",
            "Tras 150 pasos: las dos filas se mueven; arriba aún está algo borroso.",
            "Tras 400 pasos, en las dos filas: red square right, yellow triangle down, blue "
            "ball left, green square up (cuadrado rojo a la derecha, triángulo amarillo hacia "
            "abajo, bola azul a la izquierda, cuadrado verde hacia arriba). Desde cero necesitó "
            "57 pasos para igualar los 25 del otro.",
        ),
    },
}

_TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$")


def english_cues(path: Path) -> list[Cue]:
    """The cues of a `.vtt` as `captions.write_vtt` writes them (one text line each)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cues: list[Cue] = []
    for number, line in enumerate(lines):
        match = _TIMING.match(line)
        if match:
            h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in match.groups())
            start = h1 * 3600 + m1 * 60 + s1 + ms1 / 1000
            end = h2 * 3600 + m2 * 60 + s2 + ms2 / 1000
            cues.append((start, end, lines[number + 1]))
    return cues


def translated_path(english: Path, language: str) -> Path:
    """`media/video/go-game.vtt` → `media/video/go-game.fr.vtt`."""
    return english.with_name(f"{english.stem}.{language}.vtt")


def main() -> dict[str, str]:
    """Write every translated caption file; raise when an English file's cues changed."""
    written = 0
    for name, languages in TRANSLATIONS.items():
        english = MEDIA / name
        cues = english_cues(english)
        for language, texts in languages.items():
            if len(texts) != len(cues):
                raise ValueError(
                    f"{name} has {len(cues)} cues, its {language} translation {len(texts)}: "
                    "translate the new captions in scripts/media/caption_translations.py"
                )
            write_vtt(
                translated_path(english, language),
                [(start, end, text) for (start, end, _), text in zip(cues, texts, strict=True)],
            )
            written += 1
    return {"translations": f"{written} caption files in {', '.join(LANGUAGES)}"}


if __name__ == "__main__":
    print(main())
