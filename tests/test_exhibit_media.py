"""The small model the exhibit trains (issue 15): its data says what the prompts say.

The films in media/video/tiny-diffusion-*.mp4 are real output of a model trained by
scripts/media/tiny_diffusion.py on clips that script draws. Training needs torch and minutes,
so the suite checks the part it can check fast: every training clip moves the way its prompt
says, inside the frame, so a model that learns the data learns to follow the prompt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts" / "media"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import tiny_diffusion as td  # noqa: E402 (a script module, found through SCRIPTS)


def centres(clip: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    frames = ((clip.reshape(td.FRAMES, 3, td.SIZE, td.SIZE) + 1) / 2).sum(axis=1)
    yy, xx = np.mgrid[0 : td.SIZE, 0 : td.SIZE]
    mass = frames.sum(axis=(1, 2))
    assert (mass > 1).all(), "a frame lost the ball"
    return (frames * xx).sum(axis=(1, 2)) / mass, (frames * yy).sum(axis=(1, 2)) / mass


def test_training_clips_move_as_their_prompt_says():
    clips, labels = td.make_clips(64, np.random.default_rng(3))
    assert clips.shape == (64, td.FRAMES * 3, td.SIZE, td.SIZE)
    assert clips.min() >= -1 and clips.max() <= 1
    for clip, label in zip(clips, labels, strict=True):
        x, y = centres(clip)
        dx, dy = x[-1] - x[0], y[-1] - y[0]
        expected = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
        ex, ey = expected[td.PROMPTS[label]]
        assert dx * ex + dy * ey > 5, f"{td.PROMPTS[label]}: moved ({dx:.1f}, {dy:.1f})"
        assert abs(dx * ey) + abs(dy * ex) < 1  # and not sideways


def test_the_films_say_what_they_show():
    """The labels a visitor reads are the prompts the model was given."""
    assert [td.label(p) for p in td.PROMPTS] == ["← left", "→ right", "↑ up", "↓ down"]
    assert td.CHECKPOINTS[-1] == td.STEPS and list(td.CHECKPOINTS) == sorted(td.CHECKPOINTS)


def test_the_video_gans_two_judges_judge_frames_and_motion():
    """DVD-GAN's idea, held in the exhibit's small model: the frame judge's score of a clip
    does not change when its frames are shuffled (it sees pictures, never motion); the motion
    judge's does (it sees the frames in order); and the generator makes whole clips."""
    torch = pytest.importorskip("torch")
    import tiny_video_gan as gan

    torch.manual_seed(0)
    generator, spatial, temporal = gan.build_models()
    spatial.eval(), temporal.eval()  # no power-iteration update of the spectral norms per call
    clips, _ = td.make_clips(4, np.random.default_rng(5))
    video = gan.to_video(clips)
    assert np.array_equal(gan.from_video(video), clips)  # the two layouts round-trip
    shuffled = video[:, :, torch.tensor([3, 0, 7, 5, 1, 6, 2, 4])]
    every_frame = torch.arange(td.FRAMES).repeat(len(video), 1)
    with torch.no_grad():
        assert torch.allclose(spatial(video, every_frame), spatial(shuffled, every_frame))
        assert not torch.allclose(temporal(video), temporal(shuffled))
        made = generator(torch.randn(2, gan.Z))
    assert made.shape == (2, 3, td.FRAMES, td.SIZE, td.SIZE)
    assert made.min() >= -1 and made.max() <= 1


def test_the_video_gan_learns_from_the_projects_own_clips():
    """Its training data is the ball clips tiny_diffusion draws (no downloaded videos)."""
    import tiny_video_gan as gan

    assert gan.make_clips is td.make_clips
    assert gan.CHECKPOINTS[-1] == gan.STEPS and list(gan.CHECKPOINTS) == sorted(gan.CHECKPOINTS)
    assert len(gan.HOLD_S) == len(gan.CHECKPOINTS) == len(gan.captions())


def test_make_a_video_learns_motion_only_from_clips_without_captions():
    """Make-A-Video's split, held in the exhibit's version: the clips the motion model learns
    from carry no caption at all, and in them things fall; the pictures the picture model
    learns from carry a caption, and hold the shape where the clips start, so the motion
    model is given what it learned to animate."""
    import tiny_make_a_video as mav

    clips = mav.make_clips(16, np.random.default_rng(2))
    assert isinstance(clips, np.ndarray)  # no captions come back with the clips
    assert clips.shape == (16, td.FRAMES * 3, td.SIZE, td.SIZE)
    for clip in clips:
        _, y = centres(clip)
        assert y[4] - y[0] > 5, "the shape does not fall"
    pictures, captions = mav.make_pictures(12, np.random.default_rng(2))
    assert pictures.shape == (12, 3, td.SIZE, td.SIZE) and captions.shape == (12, 2)
    _, y = centres(np.tile(pictures[0], (td.FRAMES, 1, 1)))
    assert abs(y[0] - mav.START_Y) < 1.5  # held up near the top, where a fall starts
    for caption in mav.FILMED:
        assert mav.captions_index(caption)  # each filmed caption is one the pictures use
    cues = mav.captions()
    assert all(c in cues[0][2] + cues[1][2] for c in mav.FILMED)


def test_cogvideos_video_model_starts_as_the_picture_model_it_reuses():
    """CogVideo's idea, held in the exhibit's version: the video model draws every frame with
    the picture model's own layers, and its new part starts doing nothing, so before any video
    training each frame is exactly the picture the picture model makes for the caption; the
    new part then only has to learn motion."""
    torch = pytest.importorskip("torch")
    import tiny_cogvideo as cog

    torch.manual_seed(0)
    picture_model, _ = cog.build_models()
    video_model = cog.build_video_model(picture_model)
    captions = torch.tensor([[0, 0, 1], [1, 2, 3], [3, 1, 0]])  # colour, shape, direction
    with torch.no_grad():
        pictures = picture_model(captions[:, :2])
        clips = video_model(captions).view(3, td.FRAMES, 3, td.SIZE, td.SIZE)
    for frame in range(td.FRAMES):
        assert torch.allclose(clips[:, frame], pictures, atol=1e-6)
    assert any(n.startswith("picture.") for n, _ in video_model.named_parameters())


def test_cogvideos_clips_move_the_way_their_caption_says():
    import tiny_cogvideo as cog

    clips, captions = cog.make_clips(24, np.random.default_rng(6))
    assert captions.shape == (24, 3)
    for clip, (_, _, direction) in zip(clips, captions, strict=True):
        x, y = centres(clip)
        dx, dy = list(cog.DIRECTIONS.values())[direction]
        assert (x[-1] - x[0]) * dx + (y[-1] - y[0]) * dy > 5
    assert f"took {cog.SAME} steps" in cog.captions()[-1][2]  # as measured (main checks)
