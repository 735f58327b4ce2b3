#!/usr/bin/env bash
# Generates the demo cinema's film clips. Run ONCE (needs ffmpeg with libvpx,
# libopus and drawtext); the resulting .webm files are committed so that the
# dev stack runs on machines without ffmpeg.
#
# Every clip shows a moving test pattern, its title and a large running
# timecode (HH:MM:SS.mmm), so a person or a screenshot can compare the
# positions of two synced players at a glance. A keyframe every 2 s (-g 30 at
# 15 fps) keeps seeks fast.
set -euo pipefail
cd "$(dirname "$0")"

FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
MONO=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf

# make_clip <id> <seconds> <size> <video bitrate> <audio bitrate> <tone Hz> <title>
make_clip() {
  local id=$1 seconds=$2 size=$3 vbit=$4 abit=$5 tone=$6 title=$7
  local overlay=""
  if [[ -f $FONT && -f $MONO ]]; then
    overlay=",drawtext=fontfile=${FONT}:text='${title}':x=8:y=8:fontsize=14:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=4"
    overlay+=",drawtext=fontfile=${MONO}:text='%{pts\\:hms}':x=(w-tw)/2:y=h-th-10:fontsize=22:fontcolor=yellow:box=1:boxcolor=black@0.7:boxborderw=6"
  else
    echo "fonts missing: $id gets no title/timecode overlay" >&2
  fi
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=duration=${seconds}:size=${size}:rate=15${overlay}" \
    -f lavfi -i "sine=frequency=${tone}:duration=${seconds}" \
    -c:v libvpx-vp9 -b:v "$vbit" -g 30 -deadline realtime -cpu-used 8 -minrate 0 -maxrate "$vbit" -bufsize "$vbit" -row-mt 1 \
    -c:a libopus -b:a "$abit" -ac 1 \
    -shortest "${id}.webm"
  echo "$id.webm: $(stat -c %s "${id}.webm") bytes"
}

make_clip night-train 120 320x180 60k 16k 440 'Ночной поезд · Night Train'
make_clip first-snow 60 320x180 60k 16k 523 'Первый снег · First Snow'
make_clip harbor-lights 90 320x180 60k 16k 392 'Огни гавани · Harbor Lights'
# The long one is for sync measurements over many minutes: keep it under ~4 MB.
make_clip long-road 720 256x144 18k 8k 330 'Долгая дорога · The Long Road'
